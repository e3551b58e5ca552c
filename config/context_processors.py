from django.conf import settings
from django.utils.functional import SimpleLazyObject

from core.models import SiteContact


def site(request):
    contact = SimpleLazyObject(SiteContact.current)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_OWNER": settings.SITE_OWNER,
        # Set by curators in the admin, the settings as fallback.
        "SITE_CONTACT": contact,
    }
