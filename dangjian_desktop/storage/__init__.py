"""Storage: the only package that speaks SQL. No Qt here."""
