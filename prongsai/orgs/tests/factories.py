import factory
from django.contrib.auth import get_user_model

from prongsai.orgs.models import Division, Membership, Organization, Position

PASSWORD = "correct horse battery staple"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"org-{n}")
    name_th = factory.Sequence(lambda n: f"องค์การบริหารส่วนตำบลทดสอบ {n}")
    short_name = factory.Sequence(lambda n: f"อบต.ทดสอบ {n}")
    kind = Organization.Kind.SAO
    province = "สุรินทร์"


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division

    org = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"กองที่ {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    org = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"ตำแหน่งที่ {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "สมชาย"
    last_name = "ทดสอบ"
    password = factory.django.Password(PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    org = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.STAFF
