from django.contrib import admin

from .models import Certificate, VisaLetter


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "registration", "issued_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["code", "name", "registration__user__email"]
    raw_id_fields = ["registration", "issued_by", "replaced_by"]
    readonly_fields = ["code", "issued_at"]


@admin.register(VisaLetter)
class VisaLetterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "registration", "signatory", "issued_at"]
    raw_id_fields = ["registration", "issued_by"]
    readonly_fields = ["issued_at"]
