-- Counts by LSOA code, map point, crime type and month, for placing rows in 2021 LSOAs.
-- police.uk snaps crimes to shared anonymous map points, so there are far fewer groups than
-- rows. Rows without a location have null code and coordinates.
select lsoa_code, longitude, latitude, crime_type::varchar as crime_type, month, count(*) as crimes
from crimes
where month between $first_month and $last_month
  and list_contains($forces, force)
group by all
