"""The front page of the staff integrity area: every channel the org's own people have."""

from django.shortcuts import render

from prongsai.orgs.permissions import staff_required


@staff_required()
def home(request):
    return render(request, "integrity/home.html", {"membership": request.membership})
