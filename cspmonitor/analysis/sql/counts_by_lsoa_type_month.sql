-- Counts by LSOA, crime type and month for the given months and forces.
-- Rows without a location have no LSOA and are counted under lsoa_code null.
select lsoa_code, crime_type::varchar as crime_type, month, count(*) as crimes
from crimes
where month between $first_month and $last_month
  and list_contains($forces, force)
group by all
order by all
