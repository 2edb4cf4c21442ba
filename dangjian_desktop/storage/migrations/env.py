"""Alembic environment. Run only from app code (storage/migrate.py) on a passed-in connection."""

from alembic import context

from dangjian_desktop.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite has almost no ALTER TABLE
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
