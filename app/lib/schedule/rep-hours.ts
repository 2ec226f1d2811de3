/** Rep-hours short or over as both the roster table and the coverage tiles show them: quarter hours exactly ("24.25"). */
export const repHours = (h: number) => h.toFixed(2);
