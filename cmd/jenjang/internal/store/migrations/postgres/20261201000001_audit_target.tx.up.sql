-- The history of one thing (GET /audit?target=employee:…): a region's events of one target, newest first.
CREATE INDEX IF NOT EXISTS audit_events_region_target_id ON audit_events (region, target, id);
