"""The work queue in the database: claim with a lease, retry with backoff, worker processes."""
