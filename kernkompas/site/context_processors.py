from django.conf import settings

from kernkompas.accounts import permissions


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "user_roles": permissions.role_names(user),
        "user_is_staff_of_any": permissions.is_staff_of_any(user) if user else False,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
