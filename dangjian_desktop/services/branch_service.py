"""支部信息: the branch profile and its committee-term reminder."""

from __future__ import annotations

from dangjian_desktop import settings
from dangjian_desktop.domain.audit import BRANCH, AuditRecord, changed_fields
from dangjian_desktop.domain.branch import (
    BranchProfile,
    CommitteeTerm,
    TermReminder,
    normalize_profile,
    term_reminder,
    validate_profile,
)
from dangjian_desktop.domain.errors import ValidationError
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.settings_service import stored_value
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import branch_repo


class BranchService(Service):
    def profile(self) -> BranchProfile:
        with read_session(self._engine()) as s:
            profile = branch_repo.load_profile(s)
            if profile.is_empty and profile.term.election_date is None:
                years = stored_value(s, settings.COMMITTEE_TERM_YEARS)
                profile = BranchProfile(term=CommitteeTerm(term_years=int(years)))
            return profile

    def save_profile(self, profile: BranchProfile) -> Changes:
        """Save the whole profile in one transaction; text is stored as normalize_profile
        leaves it (no control characters)."""
        profile = normalize_profile(profile)
        errors = validate_profile(profile, self._today())
        if errors:
            raise ValidationError(errors)
        audit = AuditRecord(BRANCH)
        with write_session(self._engine(), "branch.save_profile", audit=audit) as s:
            audit.fields = changed_fields(branch_repo.load_profile(s), profile)
            branch_repo.save_profile(s, profile)
        return self._report(Changes(branch=True, venues=True))

    def term_reminder(self) -> TermReminder:
        with read_session(self._engine()) as s:
            months = int(stored_value(s, settings.TERM_REMINDER_MONTHS))
            term = branch_repo.load_profile(s).term
        return term_reminder(term, self._today(), months)
