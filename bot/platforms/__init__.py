"""Platform adapters: each renders the neutral model on one chat platform."""
