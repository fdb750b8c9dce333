"""Statutory reviews: Domestic Homicide Reviews, ASB Case Reviews and the Serious Violence Duty."""
