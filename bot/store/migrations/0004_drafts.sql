-- Schema version 4: reserved for the drafts cog (filled by its issue).
SELECT 1;
