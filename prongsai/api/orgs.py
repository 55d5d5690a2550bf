"""Public, anonymous endpoints about the orgs of the instance."""

from ninja import Router, Schema

from prongsai.api.stats import ErrorOut
from prongsai.orgs import selectors
from prongsai.orgs.tenancy import get_for_org, get_org

router = Router(tags=["orgs"])


class OrgOut(Schema):
    slug: str
    name_th: str
    name_en: str
    short_name: str
    kind: str
    province: str
    website: str


class DivisionOut(Schema):
    id: int
    name: str
    short_name: str


@router.get("", response=list[OrgOut])
def list_orgs(request):
    return selectors.active_orgs()


@router.get("{slug}/", response={200: OrgOut, 404: ErrorOut})
def org_detail(request, slug: str):
    return get_org(slug)


@router.get("{slug}/divisions/", response={200: list[DivisionOut], 404: ErrorOut})
def list_divisions(request, slug: str):
    return selectors.divisions(org=get_org(slug))


@router.get(
    "{slug}/divisions/{division_id}/", response={200: DivisionOut, 404: ErrorOut, 422: ErrorOut}
)
def division_detail(request, slug: str, division_id: int):
    org = get_org(slug)
    return get_for_org(selectors.divisions(org=org), org, pk=division_id)
