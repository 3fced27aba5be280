-- Schema version 3: reserved for the moderation cog (filled by its issue).
SELECT 1;
