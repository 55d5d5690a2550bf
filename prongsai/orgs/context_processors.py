def org(request) -> dict:
    return {"org": getattr(request, "org", None)}
