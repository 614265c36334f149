"""What the two HTTP edges (`api`, `web`) share without importing each other: the table that turns domain errors
into HTTP statuses, the one error body, and files served as downloads."""
