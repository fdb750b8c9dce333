-- Every stored month as one view; force and month come from the partition folders.
-- $pattern is replaced by the quoted list of the manifest's files (a view cannot bind it).
create view crimes as
select *
from read_parquet($pattern, hive_partitioning = true,
                  hive_types = {'force': varchar, 'month': varchar})
