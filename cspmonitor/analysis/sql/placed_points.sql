-- Located rows with their force, for placing in 2021 LSOAs and the spatial statistics.
select longitude, latitude, lsoa_code, crime_type::varchar as crime_type, month,
       coalesce(outcome, '') as outcome, location, force
from crimes
where month between $first_month and $last_month
  and list_contains($forces, force)
  and longitude is not null
