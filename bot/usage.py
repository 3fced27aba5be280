"""Bad input on the command line: printed by `garant` as one line, exit status 2.

Its own module, below everything, so that a platform's subcommand (declared in its
package) can raise it without importing the command line.
"""

from bot.phrases import PhraseError


class UsageError(PhraseError):
    """Bad input from the command line: printed as one line, exit status 2; its text is
    an English template with values, printed in the command line's language."""
