-- Schema version 5: reserved for the routine cog (filled by its issue).
SELECT 1;
