-- Evaluation answers move into one record per survey, written whole on every answer with the
-- responses sorted by their random ids, so nothing in the file keeps the order answers came in
-- (the rows of survey_answers sat in a page in arrival order). Edited by hand after drizzle-kit:
-- the answers and themes are carried over, and answer_themes stays WITHOUT ROWID. The answers'
-- subquery is wrapped in json(): newer SQLite (3.54) no longer keeps a subquery's JSON subtype, and
-- json_object would store the array as a quoted string.
CREATE TABLE `survey_answer_sets` (
	`survey_id` integer PRIMARY KEY NOT NULL,
	`response_count` integer DEFAULT 0 NOT NULL,
	`responses` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `survey_answer_sets` (`survey_id`, `response_count`, `responses`)
SELECT `survey_id`, count(*), json_group_array(json(`body`) ORDER BY `id`)
FROM (
	SELECT r.`id`, r.`survey_id`, json_object(
		'id', r.`id`,
		'answers', json((
			SELECT json_group_array(json_object('id', a.`id`, 'q', a.`question_id`, 'v', a.`value`, 'dk', json(CASE WHEN a.`dont_know` THEN 'true' ELSE 'false' END), 't', a.`text`) ORDER BY a.`question_id`, a.`id`)
			FROM `survey_answers` a WHERE a.`response_id` = r.`id`
		))
	) AS `body`
	FROM `survey_responses` r
)
GROUP BY `survey_id`;
--> statement-breakpoint
CREATE TABLE `__new_answer_themes` (
	`survey_id` integer NOT NULL,
	`answer_id` text NOT NULL,
	`theme` text NOT NULL,
	PRIMARY KEY(`survey_id`, `answer_id`, `theme`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_answer_themes` (`survey_id`, `answer_id`, `theme`)
SELECT r.`survey_id`, t.`answer_id`, t.`theme`
FROM `answer_themes` t JOIN `survey_answers` a ON a.`id` = t.`answer_id` JOIN `survey_responses` r ON r.`id` = a.`response_id`;
--> statement-breakpoint
DROP TABLE `answer_themes`;--> statement-breakpoint
ALTER TABLE `__new_answer_themes` RENAME TO `answer_themes`;--> statement-breakpoint
DROP TABLE `survey_answers`;--> statement-breakpoint
DROP TABLE `survey_responses`;
