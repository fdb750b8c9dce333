"""ASB Case Reviews (the "community trigger"): Anti-social Behaviour, Crime and Policing Act 2014
s104 and Schedule 4. Applications, their complaints and the threshold, the clocks, the review's
recommendations, and the four figures published every year."""
