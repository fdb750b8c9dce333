-- Rows per force and month in a range, for the coverage check.
select force, month, count(*) as rows
from crimes
where month between $first_month and $last_month
group by all
order by all
