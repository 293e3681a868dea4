/** Members' names in the reports and scenarios: `m0001` for member 0 (its own module, so scenarios may read names without the model). */

/** The name of member `id` in the reports. */
export const memberName = (id: number): string => `m${String(id + 1).padStart(4, "0")}`;
