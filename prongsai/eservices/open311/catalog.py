"""The service catalog as Open311 services, and their form fields as Open311 attributes."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from prongsai.eservices import selectors
from prongsai.eservices.models import Service
from prongsai.orgs.models import Organization

# Form field type → Open311 datatype. Files cannot be sent by Open311 and a
# location is the request's own lat/long or address_string, so neither is an attribute.
DATATYPES = {
    "text": "string",
    "textarea": "text",
    "number": "number",
    "date": "datetime",
    "choice": "singlevaluelist",
}
# The same limits as the e-service form.
MAX_LENGTHS = {"string": 500, "text": 5000}
DATATYPE_DESCRIPTIONS = {
    "number": _("ตัวเลขไม่ติดลบ"),
    "datetime": _("วันที่ในรูปแบบ YYYY-MM-DD"),
}


@dataclass(frozen=True)
class Attribute:
    code: str
    label: str
    datatype: str
    required: bool
    choices: tuple[str, ...] = ()


def published_services(*, org: Organization) -> QuerySet[Service]:
    """The org's active services that Open311 can file.

    Left out: corruption complaints, because Open311 clients such as FixMyStreet
    publish what they file, and a complainant's identity and text must reach the
    designated officers only; and bookable services, whose request needs a
    period of days that Open311 cannot ask for.
    """
    return (
        selectors.active_services(org=org)
        .filter(resource=None)
        .exclude(kind=Service.Kind.CORRUPTION)
    )


def get_published_service(*, org: Organization, code: str) -> Service | None:
    return published_services(org=org).filter(code=code).first()


def attributes(service: Service) -> list[Attribute]:
    return [
        Attribute(
            code=field["name"],
            label=field["label"],
            datatype=DATATYPES[field.get("type", "text")],
            required=bool(field.get("required")),
            choices=tuple(field.get("choices") or ()),
        )
        for field in service.form_fields
        if field.get("type", "text") in DATATYPES
    ]


def service_entry(service: Service) -> dict[str, Any]:
    """One item of GET services."""
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description or None,
        "metadata": bool(attributes(service)),
        "type": "realtime",
        "keywords": ", ".join(
            str(word) for word in (service.get_kind_display(), service.division) if word
        ),
        "group": str(service.get_kind_display()),
    }


def service_definition(service: Service) -> dict[str, Any]:
    """GET service definition: the attributes a request for `service` can carry."""
    entries = []
    for order, attribute in enumerate(attributes(service), start=1):
        entry: dict[str, Any] = {
            "variable": True,
            "code": attribute.code,
            "datatype": attribute.datatype,
            "required": attribute.required,
            "datatype_description": _description(attribute.datatype),
            "order": order,
            "description": attribute.label,
        }
        if attribute.choices:
            entry["values"] = [{"key": choice, "name": choice} for choice in attribute.choices]
        entries.append(entry)
    return {"service_code": service.code, "attributes": entries}


def _description(datatype: str) -> str | None:
    text = DATATYPE_DESCRIPTIONS.get(datatype)
    return str(text) if text else None


def clean_attributes(service: Service, values: dict[str, str]) -> dict[str, str]:
    """Check sent attribute values against the service definition; JSON-safe answers.

    Codes the definition does not know are dropped: clients such as FixMyStreet
    send attributes of their own. All problems are raised together.
    """
    errors = []
    cleaned = {}
    for attribute in attributes(service):
        value = values.get(attribute.code, "").strip()
        if not value:
            if attribute.required:
                errors.append(
                    ValidationError(
                        _("กรุณาระบุ %(label)s (attribute[%(code)s])"),
                        params={"label": attribute.label, "code": attribute.code},
                    )
                )
            continue
        try:
            cleaned[attribute.code] = _clean_value(attribute, value)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_value(attribute: Attribute, value: str) -> str:
    params = {"label": attribute.label, "code": attribute.code}
    match attribute.datatype:
        case "number":
            try:
                number = Decimal(value)
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite() or number < 0:
                raise ValidationError(
                    _("%(label)s (attribute[%(code)s]) ต้องเป็นตัวเลขไม่ติดลบ"), params=params
                )
            return str(number)
        case "datetime":
            try:
                # A date field: a full datetime is accepted and its date kept.
                day = (
                    date.fromisoformat(value)
                    if len(value) == 10
                    else datetime.fromisoformat(value).date()
                )
            except ValueError:
                raise ValidationError(
                    _("%(label)s (attribute[%(code)s]) ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD"),
                    params=params,
                ) from None
            return day.isoformat()
        case "singlevaluelist":
            if value not in attribute.choices:
                raise ValidationError(
                    _("%(label)s (attribute[%(code)s]) ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: %(choices)s"),
                    params={**params, "choices": ", ".join(attribute.choices)},
                )
            return value
        case _:
            if len(value) > MAX_LENGTHS[attribute.datatype]:
                raise ValidationError(
                    _("%(label)s (attribute[%(code)s]) ยาวเกิน %(n)s ตัวอักษร"),
                    params={**params, "n": MAX_LENGTHS[attribute.datatype]},
                )
            return value
