-- Located rows (coordinates, LSOA, type, month, outcome) for the spatial statistics.
select longitude, latitude, lsoa_code, crime_type::varchar as crime_type, month,
       coalesce(outcome, '') as outcome, location
from crimes
where month between $first_month and $last_month
  and list_contains($forces, force)
  and longitude is not null
