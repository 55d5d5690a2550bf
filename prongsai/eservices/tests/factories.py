import factory

from prongsai.eservices.models import Resource, Service
from prongsai.orgs.tests.factories import OrganizationFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    org = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"รถกระบะคันที่ {n}")
    kind = Resource.Kind.VEHICLE


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    org = factory.SubFactory(OrganizationFactory)
    code = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"บริการที่ {n}")
    kind = Service.Kind.COMPLAINT
    time_limit_days = 15
