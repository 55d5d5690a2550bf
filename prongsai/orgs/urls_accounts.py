from django.contrib.auth import views as auth_views
from django.urls import path

from prongsai.orgs.permissions import login_verified
from prongsai.orgs.views import accounts, tokens

app_name = "accounts"

urlpatterns = [
    path("", accounts.home, name="home"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        login_verified(accounts.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path("otp/", accounts.otp_verify, name="otp_verify"),
    path("otp/setup/", accounts.otp_setup, name="otp_setup"),
    path("otp/disable/", accounts.otp_disable, name="otp_disable"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
]
