"""支部信息: the branch profile and its committee-term reminder."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

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
from dangjian_desktop.domain.errors import FieldError, ValidationError
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
        leaves it (no control characters). Each committee seat is linked to the member
        holding it: the caller's `member_id` when given (it must exist: "no_such_member"),
        else the one member on the roster with the seat's name. Venues removed while a
        record uses them are retired, not deleted (storage/branch_repo.py). Changes also
        say `meetings`: a meeting shows its venue's name and its 支委会 quorum the
        committee."""
        profile = normalize_profile(profile)
        errors = validate_profile(profile, self._today())
        if errors:
            raise ValidationError(errors)
        audit = AuditRecord(BRANCH)
        with write_session(self._engine(), "branch.save_profile", audit=audit) as s:
            profile = _linked_committee(s, profile)
            audit.fields = changed_fields(branch_repo.load_profile(s), profile)
            branch_repo.save_profile(s, profile)
        return self._report(Changes(branch=True, venues=True, meetings=True))

    def term_reminder(self) -> TermReminder:
        with read_session(self._engine()) as s:
            months = int(stored_value(s, settings.TERM_REMINDER_MONTHS))
            term = branch_repo.load_profile(s).term
        return term_reminder(term, self._today(), months)


NO_SUCH_MEMBER = "no_such_member"
ERROR_CODES: dict[str, str] = {
    NO_SUCH_MEMBER: "the member chosen for a committee seat is not in this data file",
}


def _linked_committee(s: Session, profile: BranchProfile) -> BranchProfile:
    """The profile with each committee seat's member_id resolved (see save_profile)."""
    unlinked = [m.name for m in profile.committee if m.member_id is None]
    by_name = branch_repo.members_by_name(s, unlinked)
    seats = []
    errors = []
    for i, seat in enumerate(profile.committee):
        if seat.member_id is not None:
            if not branch_repo.member_exists(s, seat.member_id):
                errors.append(FieldError(f"committee.{i}.member_id", NO_SUCH_MEMBER))
            seats.append(seat)
            continue
        found = by_name.get(seat.name, [])
        seats.append(replace(seat, member_id=found[0] if len(found) == 1 else None))
    if errors:
        raise ValidationError(errors)
    return replace(profile, committee=tuple(seats))
