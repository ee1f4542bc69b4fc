"""Customers, their contacts, and the products (systems) we maintain."""

from __future__ import annotations

import re

from app.domain.errors import ValidationError
from app.domain.roles import Permission
from app.domain.tickets import clean_text
from app.i18n import parse_language
from app.persistence.orm import Contact, Customer, Product
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.dto import ContactView, CustomerView, ProductView

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_code(kind: str, value: str) -> str:
    code = (value or "").strip().upper()
    if not CODE_RE.fullmatch(code):
        raise ValidationError(f"invalid {kind} code {value!r}: 1-32 letters, digits, '-' or '_'.")
    return code


class CustomerService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def add_customer(self, actor: Actor, *, code: str, name: str) -> CustomerView:
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            code = clean_code("customer", code)
            if uow.customers.find(code) is not None:
                raise ValidationError(f"a customer with code {code} already exists.")
            customer = Customer(
                code=code,
                name=clean_text("customer name", name, max_len=200),
                created_at=self.ctx.clock.now(),
            )
            uow.customers.add(customer)
            uow.commit()
            return CustomerView.of(customer)

    def add_contact(
        self,
        actor: Actor,
        *,
        customer_code: str,
        name: str,
        email: str = "",
        phone: str = "",
        verifies_releases: bool = False,
        approves_resolutions: bool = False,
    ) -> ContactView:
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            customer = uow.customers.get(clean_code("customer", customer_code))
            email = clean_text("e-mail", email, max_len=254, required=False)
            if email and not EMAIL_RE.fullmatch(email):
                raise ValidationError(f"invalid e-mail address {email!r}.")
            phone = clean_text("phone", phone, max_len=40, required=False)
            if not email and not phone:
                raise ValidationError("a contact needs an e-mail address or a phone number.")
            if verifies_releases and not email:
                raise ValidationError("a contact who verifies releases needs an e-mail address.")
            contact = Contact(
                customer=customer,
                name=clean_text("contact name", name, max_len=200),
                email=email,
                phone=phone,
                verifies_releases=verifies_releases,
                approves_resolutions=approves_resolutions,
            )
            uow.customers.add_contact(contact)
            uow.commit()
            return ContactView.of(contact)

    def list_customers(self, actor: Actor) -> list[CustomerView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            # Their contacts too, in one read (CustomerView lists them; one each was
            # 2,003 statements for 2,000 customers).
            return [CustomerView.of(c) for c in uow.customers.list(with_contacts=True)]

    def get_customer(self, actor: Actor, code: str) -> CustomerView:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            return CustomerView.of(uow.customers.get(clean_code("customer", code)))

    def add_product(self, actor: Actor, *, code: str, name: str) -> ProductView:
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            code = clean_code("product", code)
            if uow.products.find(code) is not None:
                raise ValidationError(f"a product with code {code} already exists.")
            product = Product(code=code, name=clean_text("product name", name, max_len=200))
            uow.products.add(product)
            uow.commit()
            return ProductView.of(product)

    def list_products(self, actor: Actor) -> list[ProductView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            return [ProductView.of(p) for p in uow.products.list()]

    # -- administration (desktop client's Customers section) ------------------------------

    def rename_customer(self, actor: Actor, code: str, name: str) -> CustomerView:
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            customer = uow.customers.get(clean_code("customer", code))
            customer.name = clean_text("customer name", name, max_len=200)
            uow.commit()
            return CustomerView.of(customer)

    def set_language(self, actor: Actor, code: str, language: str) -> CustomerView:
        """The language of the customer's e-mails and PDFs (``en`` or ``el``)."""
        wanted = parse_language(language)
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            customer = uow.customers.get(clean_code("customer", code))
            customer.language = wanted
            uow.commit()
            return CustomerView.of(customer)

    def edit_contact(
        self,
        actor: Actor,
        *,
        customer_code: str,
        contact_id: int,
        email: str,
        phone: str,
        verifies_releases: bool,
        approves_resolutions: bool | None = None,
    ) -> ContactView:
        """Change a contact's e-mail, phone, whether they verify releases and whether
        they approve resolutions (``None`` keeps it); the same rules as adding one."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            customer = uow.customers.get(clean_code("customer", customer_code))
            contact = uow.customers.contact(customer, str(contact_id))
            email = clean_text("e-mail", email, max_len=254, required=False)
            if email and not EMAIL_RE.fullmatch(email):
                raise ValidationError(f"invalid e-mail address {email!r}.")
            phone = clean_text("phone", phone, max_len=40, required=False)
            if not email and not phone:
                raise ValidationError("a contact needs an e-mail address or a phone number.")
            if verifies_releases and not email:
                raise ValidationError("a contact who verifies releases needs an e-mail address.")
            contact.email, contact.phone = email, phone
            contact.verifies_releases = verifies_releases
            if approves_resolutions is not None:
                contact.approves_resolutions = approves_resolutions
            uow.commit()
            return ContactView.of(contact)
