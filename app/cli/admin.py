"""Set-up commands: init, users, customers, contacts, products, history."""

from __future__ import annotations

import argparse
import os
import sys

from app.cli import history as history_cli
from app.cli.output import emit_json, table
from app.cli.runtime import PASSWORD_ENV, Run, new_password
from app.domain.roles import Role


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def cmd_init(run: Run) -> int:
    applied = run.services.db.upgrade(progress=_to_stderr)
    if applied and run.services.users.security_mode():
        run.services.users.setup_security()  # new tables get their grants
    args = run.args
    created = None
    if args.admin:
        if run.services.users.has_users():
            print(f"users exist already; --admin {args.admin} ignored.", file=sys.stderr)
        else:
            password = os.environ.get(PASSWORD_ENV) or new_password(args, args.admin)
            created = run.services.users.create_first_admin(args.admin, password, args.full_name)
    where = run.services.db.url.render_as_string(hide_password=True)
    if run.as_json:
        emit_json({"database": where, "applied": applied, "admin": created})
        return 0
    print(f"database {where}: " + (f"applied {', '.join(applied)}" if applied else "up to date"))
    if created:
        print(f"administrator {created.username} created")
    return 0


def cmd_user_add(run: Run) -> int:
    a = run.args
    user = run.services.users.add_user(
        run.actor,
        username=a.name,
        password=new_password(a, a.name),
        role=a.role,
        department=a.department,
        full_name=a.full_name,
        email=a.email,
    )
    return run.result(user, f"user {user.username} added ({user.role}, {user.department})")


def cmd_user_list(run: Run) -> int:
    users = run.services.users.list_users(run.actor)
    if run.as_json:
        emit_json(users)
    else:
        rows = [
            (u.username, u.full_name, u.role, u.department, "yes" if u.active else "no")
            for u in users
        ]
        table(rows, ["user", "name", "role", "department", "active"])
    return 0


def cmd_user_set_password(run: Run) -> int:
    name = run.args.name
    run.services.users.set_password(run.actor, name, new_password(run.args, name))
    return run.result({"user": name, "password_changed": True}, f"password of {name} changed")


def cmd_user_active(run: Run) -> int:
    active = run.args.action == "activate"
    user = run.services.users.set_active(run.actor, run.args.name, active)
    state = "activated" if active else "deactivated (login revoked, sessions ended)"
    return run.result(user, f"user {user.username} {state}")


def cmd_customer_add(run: Run) -> int:
    customer = run.services.customers.add_customer(
        run.actor, code=run.args.code, name=run.args.name
    )
    return run.result(customer, f"customer {customer.code} added: {customer.name}")


def cmd_customer_list(run: Run) -> int:
    customers = run.services.customers.list_customers(run.actor)
    if run.as_json:
        emit_json(customers)
    else:
        table([(c.code, c.name, len(c.contacts)) for c in customers], ["code", "name", "contacts"])
    return 0


def cmd_customer_show(run: Run) -> int:
    customer = run.services.customers.get_customer(run.actor, run.args.code)
    if run.as_json:
        emit_json(customer)
        return 0
    print(f"{customer.code}  {customer.name}")
    table(
        [(c.id, c.name, c.email, c.phone) for c in customer.contacts],
        ["id", "contact", "e-mail", "phone"],
    )
    return 0


def cmd_contact_add(run: Run) -> int:
    a = run.args
    contact = run.services.customers.add_contact(
        run.actor,
        customer_code=a.customer,
        name=a.name,
        email=a.email,
        phone=a.phone,
        verifies_releases=a.verifies_releases,
    )
    return run.result(contact, f"contact {contact.name} (id {contact.id}) added to {a.customer}")


def cmd_product_add(run: Run) -> int:
    product = run.services.customers.add_product(run.actor, code=run.args.code, name=run.args.name)
    return run.result(product, f"product {product.code} added: {product.name}")


def cmd_product_list(run: Run) -> int:
    products = run.services.customers.list_products(run.actor)
    if run.as_json:
        emit_json(products)
    else:
        table([(p.code, p.name) for p in products], ["code", "name"])
    return 0


def cmd_setup_roles(run: Run) -> int:
    done = run.services.users.setup_security()
    return run.result({"done": done}, "\n".join(done))


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create or upgrade the database schema")
    p.add_argument("--admin", metavar="NAME", help="create this first administrator")
    p.add_argument("--full-name", default="", help="the administrator's full name")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=cmd_init, needs_actor=False, creates_db=True)

    users = sub.add_parser("user", help="manage users").add_subparsers(dest="action", required=True)
    p = users.add_parser("add", parents=[common], help="add a user (admin)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--department", help="defaults from the role")
    p.add_argument("--full-name", default="")
    p.add_argument("--email", default="")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=cmd_user_add)
    p = users.add_parser("list", parents=[common], help="list users")
    p.set_defaults(func=cmd_user_list)
    p = users.add_parser("set-password", parents=[common], help="change a password")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=cmd_user_set_password)

    for action, words in (("deactivate", "revoke a person's login (admin)"),
                          ("activate", "restore a person's login (admin)")):  # fmt: skip
        p = users.add_parser(action, parents=[common], help=words)
        p.add_argument("name")
        p.set_defaults(func=cmd_user_active)

    customers = sub.add_parser("customer", help="manage customers").add_subparsers(
        dest="action", required=True
    )
    p = customers.add_parser("add", parents=[common], help="add a customer (manager)")
    p.add_argument("code")
    p.add_argument("name")
    p.set_defaults(func=cmd_customer_add)
    p = customers.add_parser("list", parents=[common], help="list customers")
    p.set_defaults(func=cmd_customer_list)
    p = customers.add_parser("show", parents=[common], help="a customer and its contacts")
    p.add_argument("code")
    p.set_defaults(func=cmd_customer_show)

    contacts = sub.add_parser("contact", help="customer contacts").add_subparsers(
        dest="action", required=True
    )
    p = contacts.add_parser("add", parents=[common], help="add a contact to a customer")
    p.add_argument("customer", help="customer code")
    p.add_argument("name")
    p.add_argument("--email", default="")
    p.add_argument("--phone", default="")
    p.add_argument(
        "--verifies-releases", action="store_true", help="receives and verifies new releases"
    )
    p.set_defaults(func=cmd_contact_add)

    products = sub.add_parser("product", help="products (systems)").add_subparsers(
        dest="action", required=True
    )
    p = products.add_parser("add", parents=[common], help="add a product (manager)")
    p.add_argument("code")
    p.add_argument("name")
    p.set_defaults(func=cmd_product_add)
    p = products.add_parser("list", parents=[common], help="list products")
    p.set_defaults(func=cmd_product_list)

    _register_admin(sub, common)
    history_cli.register(sub, common)


def _register_admin(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    admin = sub.add_parser("admin", help="database administration").add_subparsers(
        dest="action", required=True
    )
    p = admin.add_parser(
        "setup-roles",
        parents=[common],
        help="PostgreSQL security mode: groups, grants, login functions (run as the owner)",
    )
    p.set_defaults(func=cmd_setup_roles, needs_actor=False)
