"""Bad input on the command line: printed by `garant` as one line, exit status 2.

Its own module, below everything, so that a platform's subcommand (declared in its
package) can raise it without importing the command line.
"""


class UsageError(Exception):
    """Bad input from the command line: printed as one line, exit status 2."""
