-- Core, version 4: effects being sent, by the end of their lease, so that finding the
-- next one due never reads the direct messages waiting for their turn (paced DMs can
-- be thousands under a flood).
CREATE INDEX outbox_leases ON outbox (lease_until) WHERE status = 'sending';

-- Cards waiting to be posted, by card: "is a post of this card already pending?" is
-- asked on every card refresh.
CREATE INDEX outbox_pending_cards ON outbox (card_key) WHERE status = 'pending' AND kind = 'card';
