from django.db.models import Count, Prefetch
from django.views.generic import DetailView
from django_filters.views import FilterView

from .filters import UniversityFilter
from .models import Activity, Strength, University


class UniversityListView(FilterView):
    filterset_class = UniversityFilter
    template_name = "universities/university_list.html"
    context_object_name = "universities"
    paginate_by = 24

    def get_queryset(self):
        return (
            University.objects.order_by("name_en")
            .annotate(strength_count=Count("strengths", distinct=True))
            .prefetch_related(
                Prefetch(
                    "strengths",
                    queryset=Strength.objects.select_related("area").order_by("-level"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class UniversityDetailView(DetailView):
    model = University
    template_name = "universities/university_detail.html"
    context_object_name = "university"

    def get_queryset(self):
        return University.objects.prefetch_related(
            Prefetch("strengths", queryset=Strength.objects.select_related("area")),
            Prefetch("activities", queryset=Activity.objects.select_related("area")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = self.request.user.has_perm(
            "universities.edit_university", self.object
        )
        return context
