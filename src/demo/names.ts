// Invented names and places for the demo scheme: none belongs to a real person.
export const GIVEN_NAMES = [
  'Amara', 'Ben', 'Chloe', 'Daniel', 'Ella', 'Farhan', 'Grace', 'Harvey', 'Isla', 'Jayden', 'Keira', 'Leo', 'Maya', 'Noah',
  'Olivia', 'Priya', 'Quinn', 'Riley', 'Sofia', 'Tyler', 'Uma', 'Vinnie', 'Willow', 'Xavier', 'Yasmin', 'Zak', 'Aisha', 'Callum',
  'Dylan', 'Erin', 'Finn', 'Hana', 'Jamal', 'Kai', 'Lily', 'Mason', 'Nia', 'Oscar', 'Poppy', 'Reuben', 'Sami', 'Tia',
];
export const FAMILY_NAMES = [
  'Adeyemi', 'Bennett', 'Campbell', 'Davies', 'Evans', 'Fletcher', 'Gill', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan',
  'Nowak', 'Okafor', 'Patel', 'Quigley', 'Roberts', 'Shah', 'Thomas', 'Usman', 'Vaughan', 'Walsh', 'Young', 'Zielinski',
];
export const PRONOUNS = ['she/her', 'he/him', 'they/them', null] as const;
export const POSTCODE_AREAS = ['LS6', 'LS7', 'LS8', 'LS9', 'LS11', 'LS12'];
export const PLACES = ['School', 'GP surgery', 'Youth hub', 'Café', 'Community venue', 'Phone', 'Video'];

export const STAFF = [
  { name: 'Alex Morgan', role: 'admin', email: 'admin@demo.linkway.test' },
  { name: 'Jo Patel', role: 'manager', email: 'manager@demo.linkway.test' },
  { name: 'Sam Okafor', role: 'link_worker', email: 'sam@demo.linkway.test' },
  { name: 'Ruth Hughes', role: 'link_worker', email: 'ruth@demo.linkway.test' },
  { name: 'Dev Shah', role: 'link_worker', email: 'dev@demo.linkway.test' },
  { name: 'Chris Walsh', role: 'commissioner', email: 'commissioner@demo.linkway.test' },
] as const;

export const ASSETS: { name: string; provider: string; categories: string[]; cost: string; description: string }[] = [
  { name: 'Saturday art club', provider: 'Northside Arts Collective', categories: ['creative'], cost: 'free', description: 'Drop-in painting, drawing and print-making for 13 to 18 year olds.' },
  { name: 'Park run juniors', provider: 'Woodhouse Moor parkrun', categories: ['sports', 'social'], cost: 'free', description: 'A friendly weekly 5k. Walk, jog or run.' },
  { name: 'Youth choir', provider: 'Chapeltown Music', categories: ['creative', 'social'], cost: '£2 a session', description: 'Sing together, no experience needed.' },
  { name: 'Climbing taster', provider: 'Harehills Climbing Wall', categories: ['sports'], cost: '£5 a session', description: 'Beginner climbing with an instructor.' },
  { name: 'Coding club', provider: 'City Library', categories: ['vocational and educational', 'indoor'], cost: 'free', description: 'Learn to make games and websites.' },
  { name: 'Allotment volunteers', provider: 'Green Spaces Trust', categories: ['self-care', 'social'], cost: 'free', description: 'Grow food and flowers with others, outdoors.' },
  { name: 'LGBTQ+ youth group', provider: 'Proud Youth', categories: ['social'], cost: 'free', description: 'A safe, friendly space for LGBTQ+ young people aged 13 to 25.' },
  { name: 'Girls-only boxing fitness', provider: 'Eastside Boxing Club', categories: ['sports'], cost: '£1 a session', description: 'Fitness boxing, no sparring.' },
  { name: 'Board games café', provider: 'Dice & Slice', categories: ['indoor', 'social'], cost: 'free', description: 'Quiet, welcoming games afternoons.' },
  { name: 'Mindfulness for teens', provider: 'Calm Minds', categories: ['self-care'], cost: 'free', description: 'Six weekly sessions on managing worry.' },
];
