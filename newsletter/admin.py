from django.contrib import admin

from .models import Consent, Issue, Subscriber


class ConsentInline(admin.TabularInline):
    """The consent record is evidence: read only."""

    model = Consent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "source", "text", "language", "at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "confirmed_at", "unsubscribed_at"]
    list_filter = ["language"]
    search_fields = ["email"]
    readonly_fields = ["token", "confirmation_sent_at", "confirmed_at", "unsubscribed_at"]
    inlines = [ConsentInline]


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    """Issues are prepared and sent on the site's pages; the admin is for repairs."""

    list_display = ["month", "language", "status", "recipients", "sent_at"]
    list_filter = ["language", "status"]
    readonly_fields = ["status", "sent_at", "gaps", "recipients"]
