-- The routine cog, version 3: answers to the routine's free-text questions
-- ("Qu'avez-vous publié hier ?"), one per member, day and question (a new answer
-- replaces the previous one), gathered into the day's review.
CREATE TABLE routine_answers (
    routine     TEXT NOT NULL,
    day         TEXT NOT NULL,
    user_key    TEXT NOT NULL,
    name        TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer      TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (routine, day, question_id, user_key)
) WITHOUT ROWID;
