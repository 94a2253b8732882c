-- Our own riders (role AGENT): whether each takes jobs and where it was last seen (docs/dispatch.md, Riders).
CREATE TABLE riders (
    agent_id    text PRIMARY KEY,
    available   boolean     NOT NULL,
    lat         double precision,
    lng         double precision,
    heading     double precision,
    speed       double precision,
    accuracy    double precision,
    position_at timestamptz,
    updated_at  timestamptz NOT NULL
);

-- An in-house job offered to a rider: BOOKED with driver.agentId and offered_at; riders who declined
-- it or let the offer expire are not offered it again.
ALTER TABLE dispatches ADD COLUMN offered_at timestamptz;
ALTER TABLE dispatches ADD COLUMN declined_by text[] NOT NULL DEFAULT '{}';
CREATE INDEX dispatches_rider ON dispatches ((driver ->> 'agentId')) WHERE provider = 'IN_HOUSE';
