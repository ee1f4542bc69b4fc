"""Services are imported and built on first use (issue 12: a CLI command pays for the
services it uses only), yet still one of each, sharing one change pipeline."""

from __future__ import annotations

import pkgutil
import threading

import app.services
from app.bootstrap import SERVICE_MODULES, Services, import_all_services
from app.services.context import ServiceContext


def test_nothing_is_built_before_it_is_asked_for(services: Services) -> None:
    fresh = Services.build(services.ctx)

    assert "tickets" not in vars(fresh)
    assert fresh.tickets is fresh.tickets
    assert {"tickets", "pipeline"} <= set(vars(fresh))
    assert "reports" not in vars(fresh)


def test_the_ticket_changing_services_share_one_pipeline(services: Services) -> None:
    pipeline = services.pipeline

    assert services.tickets.pipeline is pipeline
    assert services.assignment.pipeline is pipeline
    assert services.sla.pipeline is pipeline
    assert services.releases.pipeline is pipeline
    assert len(pipeline.hooks) == 5


def test_two_threads_asking_at_once_get_the_same_service(services: Services) -> None:
    fresh = Services.build(services.ctx)
    start = threading.Barrier(8)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(fresh.queue)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(got) == 8
    assert all(service is got[0] for service in got)


def test_the_warm_up_list_names_real_modules() -> None:
    import_all_services()

    known = {m.name for m in pkgutil.walk_packages(app.services.__path__, "app.services.")}
    assert {f"app.services.{name}" for name in SERVICE_MODULES} <= known


def test_every_service_is_reachable(services: Services) -> None:
    names = [
        name
        for name, value in vars(Services).items()
        if not name.startswith("_") and hasattr(value, "__get__") and name not in ("build",)
    ]
    for name in names:
        assert getattr(services, name) is not None, name
    assert isinstance(services.ctx, ServiceContext)
