-- The events a projected event made this service append (ticket created, CSAT received…), written in the same
-- transaction as its claim: when the append after the commit did not happen (a crash, Kafka not acknowledging), the
-- redelivered event finds its claim and appends these again, with the same ids (issue #14, finding 3).
ALTER TABLE processed_events ADD COLUMN reactions text;
