"""Running the web app: waitress in one process, or gunicorn with several worker processes.

Several processes need PostgreSQL: each keeps its own caches, keyed by the data version that all
read from the database, but SQLite is one file that only one process at a time may write, so
``serve`` refuses several workers on SQLite rather than have them wait on each other's locks.
"""

from typing import Any


class ServeError(Exception):
    """The server cannot be started as asked; the message says why."""


def serve(host: str, port: int, threads: int, workers: int = 1) -> None:
    from klimatlaget.config.wsgi import application

    if workers < 1 or threads < 1:
        raise ServeError("--workers and --threads must be at least 1.")
    if workers == 1:
        import waitress

        waitress.serve(application, host=host, port=port, threads=threads)
        return
    _check_database_for_workers()
    _gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
        }
    ).run()


def _check_database_for_workers() -> None:
    from django.db import connection

    if connection.vendor == "sqlite":
        raise ServeError(
            "Several worker processes need PostgreSQL (set DATABASE_URL or --database); "
            "with SQLite, serve one process and raise --threads instead."
        )
    connection.close()  # never hand an open connection to forked workers


def _gunicorn(options: dict[str, Any]) -> Any:
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            from klimatlaget.config.wsgi import application

            return application

    return Application()
