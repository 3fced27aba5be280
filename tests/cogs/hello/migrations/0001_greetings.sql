-- The hello cog's only table: who was greeted, when.
CREATE TABLE hello_greetings (
    id       INTEGER PRIMARY KEY,
    user_key TEXT NOT NULL,
    at       TEXT NOT NULL
);
