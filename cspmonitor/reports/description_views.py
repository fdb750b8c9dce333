"""Pages for the descriptions reports are written from: what each priority is and why, the groups
carrying its work, services, campaigns, definitions, next steps and background documents.

Entered once here, used by every report that needs them; each change is kept with who made it.
Only those who may change the plan see these pages.
"""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspmonitor.partnership.access import partnership_view
from cspmonitor.partnership.models import Group
from cspmonitor.plans.models import Priority
from cspmonitor.reports.models import Description


class DescriptionForm(forms.ModelForm):
    class Meta:
        model = Description
        fields = ["topic", "priority", "group", "name", "text", "url", "classification", "order"]
        error_messages = {
            "text": {"required": "Enter the text, one or two plain sentences"},
            "url": {"invalid": "Enter the link as a full web address starting with https://"},
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["priority"].queryset = Priority.objects.for_partnership(partnership)  # type: ignore[attr-defined]
        self.fields["group"].queryset = Group.objects.filter(partnership=partnership)  # type: ignore[attr-defined]
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("topic"),
            Field.select("priority"),
            Field.select("group"),
            Field.text("name"),
            Field.textarea("text", rows=4),
            Field.text("url"),
            Field.select("classification"),
            Field.text("order", field_width=4),
        )


@partnership_view("can_edit_report_text")
@require_safe
def description_list(request, partnership, access):
    items = Description.objects.for_partnership(partnership).select_related("priority", "group")
    return render(request, "reports/descriptions.html", {"partnership": partnership, "items": items})


@partnership_view("can_edit_report_text")
def description_edit(request, partnership, access, pk=None):
    instance = get_object_or_404(Description, pk=pk, partnership=partnership) if pk else None
    form = DescriptionForm(request.POST or None, instance=instance, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        description = form.save(commit=False)
        description.updated_by, description.updated_at = request.user, timezone.now()
        description.save()
        messages.success(request, f"{description}: saved.")
        return redirect("reports:descriptions", partnership.slug)
    history = (
        instance.history.select_related("history_user").order_by("-history_date")[:20] if instance else []
    )
    return render(
        request,
        "reports/description_edit.html",
        {"partnership": partnership, "form": form, "item": instance, "history": history},
    )
