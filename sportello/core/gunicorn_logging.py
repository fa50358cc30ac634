"""gunicorn's access log without the secrets of secret links (see core/logredact.py).

`sportello serve` runs gunicorn with `--logger-class sportello.core.gunicorn_logging.Logger`."""

from gunicorn.glogging import Logger as GunicornLogger

from sportello.core.logredact import redact


class Logger(GunicornLogger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("U", "r", "{path_info}e", "{raw_uri}e", "{request_uri}e"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms
