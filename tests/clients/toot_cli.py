"""toot, the command-line app, run as a person runs it: `python -m toot …` in a subprocess whose config
(toot keeps apps and tokens in $XDG_CONFIG_HOME/toot/config.json) lives in the test's own folder.

`toot login` is the browser flow with the out-of-band code: toot prints the authorisation URL, asks
whether to open a browser (we answer "n"), then asks for the code the page shows, which the test
reads from the real consent page after approving and types in."""

import json
import os
import subprocess
import sys
from pathlib import Path

from toot import App, User

from tests.clients.pages import PASSWORD, consent, out_of_band_code

TIMEOUT = 60


class Toot:
    def __init__(self, server: str, home: Path):
        self.server = server
        self.home = home
        self.env = {**os.environ, "XDG_CONFIG_HOME": str(home), "PYTHONUNBUFFERED": "1", "COLUMNS": "120"}
        self.env.pop("TOOT_TESTING", None)

    def _command(self, args, as_user: str | None) -> list[str]:
        chosen = ["--as", as_user] if as_user else []
        return [sys.executable, "-m", "toot", "--no-color", *chosen, *map(str, args)]

    def run(self, *args, as_user: str | None = None) -> str:
        done = subprocess.run(
            self._command(args, as_user),
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert done.returncode == 0, f"toot {' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def json(self, *args, as_user: str | None = None):
        return json.loads(self.run(*args, "--json", as_user=as_user))

    def login(self, username: str) -> str:
        """`toot login -i <server>`, approved on the consent page; the account id toot stores it under."""
        process = subprocess.Popen(
            self._command(["login", "--instance", self.server], None),
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            printed = []
            while not (line := process.stdout.readline()).startswith(self.server):
                assert line, "toot ended before printing the login URL:\n" + "".join(printed)
                printed.append(line)
            code = out_of_band_code(consent(line.strip(), username, PASSWORD))
            process.stdin.write(f"n\n{code}\n")
            process.stdin.close()
            rest = process.stdout.read()
            assert process.wait(timeout=TIMEOUT) == 0, "toot login failed:\n" + rest
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert "Successfully logged in" in rest
        return self.config()["active_user"]

    def config(self) -> dict:
        return json.loads((self.home / "toot" / "config.json").read_text())

    def app_and_user(self, account: str) -> tuple[App, User]:
        """What toot's own code loads for `account`, to call its Python API where the CLI has no command."""
        stored = self.config()
        user = User(**stored["users"][account])
        return App(**stored["apps"][user.instance]), user
