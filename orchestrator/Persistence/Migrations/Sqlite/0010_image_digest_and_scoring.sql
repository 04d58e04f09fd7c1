-- The container image a materialization's step ran in, by digest (the registry digest, else the local image id):
-- on the Docker runner the step's program is the image, so this names exactly what made the partition.
ALTER TABLE materializations ADD COLUMN image_digest TEXT;

-- Which partitions read a file with a given content hash: "the prediction partitions scored by a model version" is
-- the partitions that read that version's model file.
CREATE INDEX materialization_inputs_by_file_sha256 ON materialization_inputs (input_sha256) WHERE input_path IS NOT NULL;
