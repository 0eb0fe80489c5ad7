const TOPIC_QUESTIONS: ReadonlyArray<(topic: string) => string> = [
  (t) => `You both like ${t}. How did you get into it?`,
  (t) => `What's got you excited about ${t} lately?`,
  (t) => `If you had a free weekend for ${t}, what would you do?`,
  (t) => `What's one thing about ${t} that most people get wrong?`,
  (t) => `Who got you into ${t}, and are they here too?`,
];

const GENERAL_QUESTIONS: ReadonlyArray<string> = [
  'What brought you here?',
  'What are you working on that you are excited about?',
  "What's the best talk or idea you've come across this month?",
  'What would you be doing right now if you were not here?',
  "What's something you'd love to learn this year?",
  "Who's the most interesting person you've met at an event like this?",
];

/** An opening question, built from a shared topic where there is one. */
export function pickIcebreaker(sharedTopics: ReadonlyArray<string>, random: () => number): string {
  if (sharedTopics.length > 0) {
    const topic = sharedTopics[Math.floor(random() * sharedTopics.length)] as string;
    const ask = TOPIC_QUESTIONS[Math.floor(random() * TOPIC_QUESTIONS.length)]!;
    return ask(topic);
  }
  return GENERAL_QUESTIONS[Math.floor(random() * GENERAL_QUESTIONS.length)]!;
}
