from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from prongsai.messaging.messenger import services
from prongsai.messaging.messenger.models import MessengerPage


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request):
    page = MessengerPage.objects.filter(org=request.org, is_active=True).first()
    if page is None:
        raise Http404
    if request.method == "GET":
        # Facebook's subscription check: echo the challenge if the token is ours.
        if (
            request.GET.get("hub.mode") == "subscribe"
            and request.GET.get("hub.verify_token") == page.verify_token
        ):
            return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
        return HttpResponseForbidden("wrong verify token\n", content_type="text/plain")
    signature = request.headers.get("X-Hub-Signature-256", "")
    try:
        services.receive_webhook(page=page, body=request.body, signature=signature)
    except services.BadSignature:
        return HttpResponseBadRequest("invalid signature\n", content_type="text/plain")
    return HttpResponse("EVENT_RECEIVED\n", content_type="text/plain")
