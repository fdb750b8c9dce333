-- The crimes view of an empty store: the stored columns with no rows.
create view crimes as
select
    null::varchar as crime_id, null::varchar as reported_by, null::varchar as falls_within,
    null::double as longitude, null::double as latitude, null::varchar as location,
    null::varchar as lsoa_code, null::varchar as lsoa_name, null::varchar as crime_type,
    null::varchar as outcome, null::varchar as context, null::varchar as force,
    null::varchar as month
where false
