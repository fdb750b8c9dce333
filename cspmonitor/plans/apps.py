from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cspmonitor.plans"
    label = "plans"
    verbose_name = "Partnership plan and action plan"

    def ready(self) -> None:
        # Classification follows the data (plans.classification): whenever a record that another
        # record's classification follows is saved, the follower is worked out again.
        from django.db.models.signals import post_delete, post_save, pre_save

        from cspmonitor.activity.models import OUTPUT_KINDS
        from cspmonitor.plans import classification
        from cspmonitor.plans.models import Action
        from cspmonitor.reviews.models import DomesticHomicideReview, ReviewActionItem

        def action_saved(sender, instance, raw=False, **kwargs):
            if not raw:
                classification.reclassify_action(instance)

        def review_saved(sender, instance, raw=False, **kwargs):
            if not raw:
                classification.reclassify_review(instance)

        def item_changed(sender, instance, raw=False, **kwargs):
            if not raw and instance.action_id:
                action = Action.objects.filter(pk=instance.action_id).first()
                if action is not None:
                    classification.reclassify_action(action)

        def output_saving(sender, instance, raw=False, **kwargs):
            if not raw:
                instance.classification = classification.output_classification(instance)

        post_save.connect(action_saved, sender=Action, dispatch_uid="plans.classify_action")
        post_save.connect(review_saved, sender=DomesticHomicideReview, dispatch_uid="plans.classify_review")
        post_save.connect(item_changed, sender=ReviewActionItem, dispatch_uid="plans.classify_item")
        post_delete.connect(item_changed, sender=ReviewActionItem, dispatch_uid="plans.unclassify_item")
        for model in OUTPUT_KINDS:
            pre_save.connect(output_saving, sender=model, dispatch_uid=f"plans.classify_{model.__name__}")
