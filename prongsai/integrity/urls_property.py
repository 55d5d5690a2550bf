"""property URLs of the integrity area: government property loans and No Gift."""

from django.urls import path

from prongsai.integrity import property_views as views

urlpatterns = [
    path("property/", views.property_items, name="property_items"),
    path("property/new/", views.property_item_edit, name="property_item_new"),
    path("property/<int:pk>/", views.property_item, name="property_item"),
    path("property/<int:pk>/edit/", views.property_item_edit, name="property_item_edit"),
    path(
        "property/<int:pk>/lendable/",
        views.property_item_lendable,
        name="property_item_lendable",
    ),
    path("loans/", views.loan_list, name="loans"),
    path("loans/mine/", views.my_loans, name="my_loans"),
    path("loans/new/", views.loan_new, name="loan_new"),
    path("loans/<int:pk>/", views.loan_detail, name="loan"),
    path("loans/<int:pk>/decide/", views.loan_decide, name="loan_decide"),
    path("loans/<int:pk>/return/", views.loan_return, name="loan_return"),
    path("gifts/", views.gift_register, name="gift_register"),
    path("gifts/declare/", views.gift_declare, name="gift_declare"),
    path("gifts/policy/", views.gift_policy, name="gift_policy"),
    path("gifts/policy/edit/", views.gift_policy_edit, name="gift_policy_edit"),
    path("gifts/summary/", views.gift_summary, name="gift_summary"),
    path("gifts/summary/print/", views.gift_summary_print, name="gift_summary_print"),
    path("gifts/summary/<int:year>.xlsx", views.gift_summary_xlsx, name="gift_summary_xlsx"),
]
