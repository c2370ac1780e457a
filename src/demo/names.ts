import type { CategoryCode, ReferralMethod } from '../platform/db/tables/directory.ts';

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
/** Where demo sessions happen: a setting, and for the ones in person, the place's name. */
export const PLACES = [
  { setting: 'school', place: 'Park High School' },
  { setting: 'gp_surgery', place: 'Hillside Surgery' },
  { setting: 'hub', place: 'Northside youth hub' },
  { setting: 'cafe', place: 'Bean There' },
  { setting: 'community_venue', place: 'St Mark’s community centre' },
  { setting: 'phone', place: null },
  { setting: 'video', place: null },
] as const;

export const STAFF = [
  { name: 'Alex Morgan', role: 'admin', email: 'admin@demo.linkway.test' },
  { name: 'Jo Patel', role: 'manager', email: 'manager@demo.linkway.test' },
  { name: 'Sam Okafor', role: 'link_worker', email: 'sam@demo.linkway.test' },
  { name: 'Ruth Hughes', role: 'link_worker', email: 'ruth@demo.linkway.test' },
  { name: 'Dev Shah', role: 'link_worker', email: 'dev@demo.linkway.test' },
  { name: 'Chris Walsh', role: 'commissioner', email: 'commissioner@demo.linkway.test' },
] as const;

/** The demo directory: local organisations and what they run for young people. */
export interface DemoService {
  provider: string;
  name: string;
  description: string;
  categories: CategoryCode[];
  needs: string[];
  ages: [number, number];
  /** Pence per session; absent when free. */
  pence?: number;
  refer: ReferralMethod;
  waitingWeeks: number;
  inclusion: string[];
  venue: string;
  postcode: string;
  at: [number, number];
  /** RFC 5545 days and opening hours. */
  days: string;
  hours: [string, string];
}

export const DEMO_SERVICES: DemoService[] = [
  { provider: 'Northside Arts Collective', name: 'Saturday art club', description: 'Drop-in painting, drawing and print-making. Materials provided; come as you are.', categories: ['creative', 'indoor', 'social'], needs: ['low_mood', 'loneliness', 'confidence'], ages: [13, 18], refer: 'signpost', waitingWeeks: 0, inclusion: ['send'], venue: 'Chapel Street Studios', postcode: 'LS6 3AB', at: [53.8191, -1.5762], days: 'SA', hours: ['10:00', '12:30'] },
  { provider: 'Woodhouse Moor parkrun', name: 'Junior parkrun and walk', description: 'A friendly weekly 5k in the park. Walk, jog or run; volunteers cheer everyone home.', categories: ['sports', 'social'], needs: ['physical_activity', 'low_mood'], ages: [11, 25], refer: 'signpost', waitingWeeks: 0, inclusion: [], venue: 'Woodhouse Moor', postcode: 'LS6 2AT', at: [53.8138, -1.5630], days: 'SA', hours: ['09:00', '10:00'] },
  { provider: 'Chapeltown Music', name: 'Youth choir', description: 'Sing pop, soul and gospel together. No experience needed and no auditions.', categories: ['creative', 'social'], needs: ['loneliness', 'confidence', 'low_mood'], ages: [12, 19], pence: 200, refer: 'email', waitingWeeks: 2, inclusion: ['lgbtq_friendly'], venue: 'Chapeltown Community Hall', postcode: 'LS7 3HB', at: [53.8183, -1.5345], days: 'TU', hours: ['17:30', '19:00'] },
  { provider: 'Harehills Climbing Wall', name: 'Climbing taster sessions', description: 'Beginner bouldering with an instructor. Shoes and chalk included.', categories: ['sports', 'indoor'], needs: ['physical_activity', 'confidence', 'anger'], ages: [12, 25], pence: 500, refer: 'online_form', waitingWeeks: 3, inclusion: [], venue: 'The Wall, Harehills Lane', postcode: 'LS8 4DH', at: [53.8132, -1.5197], days: 'WE', hours: ['16:00', '18:00'] },
  { provider: 'City Library', name: 'Coding club', description: 'Learn to make games and websites at your own pace, with mentors from local tech firms.', categories: ['vocational_educational', 'indoor'], needs: ['school_pressure', 'confidence', 'loneliness'], ages: [11, 18], refer: 'signpost', waitingWeeks: 0, inclusion: ['send'], venue: 'Central Library', postcode: 'LS1 3AB', at: [53.8003, -1.5487], days: 'TH', hours: ['16:00', '17:30'] },
  { provider: 'Green Spaces Trust', name: 'Allotment volunteers', description: 'Grow food and flowers with others, outdoors. Tea, biscuits and no pressure to talk.', categories: ['self_care', 'social', 'vocational_educational'], needs: ['low_mood', 'anxiety', 'loneliness'], ages: [14, 25], refer: 'email', waitingWeeks: 1, inclusion: [], venue: 'Potternewton Allotments', postcode: 'LS7 4JX', at: [53.8290, -1.5380], days: 'WE,SA', hours: ['10:00', '13:00'] },
  { provider: 'Proud Youth', name: 'LGBTQ+ youth group', description: 'A safe, friendly space for LGBTQ+ young people and those questioning, with games, chats and trips.', categories: ['social', 'indoor'], needs: ['identity', 'loneliness', 'bullying', 'low_mood'], ages: [13, 25], refer: 'attached_form', waitingWeeks: 2, inclusion: ['lgbtq_friendly'], venue: 'The Corner, Call Lane', postcode: 'LS1 6DT', at: [53.7955, -1.5410], days: 'MO', hours: ['18:00', '20:00'] },
  { provider: 'Eastside Boxing Club', name: 'Girls-only boxing fitness', description: 'Fitness boxing with pads and bags, no sparring. Female coaches.', categories: ['sports'], needs: ['physical_activity', 'anger', 'confidence'], ages: [12, 19], pence: 100, refer: 'signpost', waitingWeeks: 0, inclusion: ['girls_only'], venue: 'Eastside Boxing Club', postcode: 'LS9 7NS', at: [53.8010, -1.5140], days: 'MO,TH', hours: ['17:00', '18:00'] },
  { provider: 'Dice and Slice', name: 'Board games afternoons', description: 'Quiet, welcoming afternoons of board and card games. Staff teach every game.', categories: ['indoor', 'social'], needs: ['loneliness', 'anxiety', 'confidence'], ages: [13, 25], refer: 'signpost', waitingWeeks: 0, inclusion: ['send', 'lgbtq_friendly'], venue: 'Dice and Slice café', postcode: 'LS6 1BN', at: [53.8210, -1.5790], days: 'SU', hours: ['13:00', '16:00'] },
  { provider: 'Calm Minds', name: 'Mindfulness for teens', description: 'Six weekly small-group sessions on noticing and managing worry.', categories: ['self_care', 'indoor'], needs: ['anxiety', 'low_mood', 'school_pressure'], ages: [13, 18], refer: 'email', waitingWeeks: 6, inclusion: [], venue: 'Calm Minds centre', postcode: 'LS11 5QP', at: [53.7830, -1.5560], days: 'WE', hours: ['16:30', '17:30'] },
  { provider: 'Armley Community Kitchen', name: 'Cook and eat', description: 'Cook a meal from scratch on a budget, then eat it together. Ingredients to take home.', categories: ['self_care', 'social', 'vocational_educational'], needs: ['money', 'loneliness', 'family'], ages: [14, 25], refer: 'email', waitingWeeks: 1, inclusion: [], venue: 'Armley Community Centre', postcode: 'LS12 3DR', at: [53.7990, -1.5900], days: 'TU', hours: ['17:00', '19:00'] },
  { provider: 'Leeds Young Bereaved', name: 'Bereavement peer group', description: 'Meet others your age who have lost someone close. Led by trained volunteers.', categories: ['social', 'self_care'], needs: ['bereavement', 'low_mood', 'loneliness'], ages: [11, 18], refer: 'online_form', waitingWeeks: 5, inclusion: [], venue: 'St Aidan’s Hall', postcode: 'LS8 5QD', at: [53.8180, -1.5270], days: 'TH', hours: ['18:00', '19:30'] },
  { provider: 'Kirkstall Football Trust', name: 'Friday night football', description: 'Free five-a-side under the lights. Turn up, get picked, play.', categories: ['sports', 'social'], needs: ['physical_activity', 'anger', 'loneliness'], ages: [12, 19], refer: 'signpost', waitingWeeks: 0, inclusion: [], venue: 'Kirkstall Leisure Centre', postcode: 'LS5 3BW', at: [53.8170, -1.6040], days: 'FR', hours: ['18:00', '20:00'] },
  { provider: 'Open Doors Youth Project', name: 'Drop-in youth club', description: 'Pool, music, snacks and youth workers to talk to when you want to.', categories: ['social', 'indoor'], needs: ['loneliness', 'family', 'substance_use', 'confidence'], ages: [11, 19], refer: 'signpost', waitingWeeks: 0, inclusion: ['lgbtq_friendly', 'send'], venue: 'Open Doors Centre', postcode: 'LS9 8AP', at: [53.8020, -1.5210], days: 'MO,WE,FR', hours: ['16:00', '20:00'] },
  { provider: 'Future Steps', name: 'Work skills and CV club', description: 'Build a CV, practise interviews and find volunteering. Help with travel costs.', categories: ['vocational_educational'], needs: ['money', 'confidence', 'school_pressure'], ages: [16, 25], refer: 'email', waitingWeeks: 2, inclusion: ['send'], venue: 'Future Steps office', postcode: 'LS11 9AA', at: [53.7790, -1.5450], days: 'TU,TH', hours: ['10:00', '15:00'] },
  { provider: 'Roundhay Riders', name: 'Learn to ride and repair bikes', description: 'Learn to ride safely on the road and fix your own bike. Bikes and helmets lent.', categories: ['sports', 'vocational_educational'], needs: ['physical_activity', 'confidence'], ages: [12, 18], refer: 'online_form', waitingWeeks: 4, inclusion: [], venue: 'Roundhay Park depot', postcode: 'LS8 2HH', at: [53.8390, -1.4990], days: 'SA', hours: ['13:00', '15:00'] },
  { provider: 'Stage Left Theatre', name: 'Youth theatre', description: 'Improvisation, drama games and a show at the end of term.', categories: ['creative', 'social', 'indoor'], needs: ['confidence', 'loneliness', 'identity'], ages: [11, 18], pence: 300, refer: 'email', waitingWeeks: 8, inclusion: ['lgbtq_friendly'], venue: 'Stage Left studio', postcode: 'LS2 7HY', at: [53.8040, -1.5480], days: 'WE', hours: ['17:00', '19:00'] },
  { provider: 'Headspace Cafe', name: 'Wellbeing walk and talk', description: 'A gentle walk with a youth worker and a small group, ending with hot chocolate.', categories: ['self_care', 'sports', 'social'], needs: ['anxiety', 'low_mood', 'physical_activity'], ages: [14, 25], refer: 'signpost', waitingWeeks: 0, inclusion: ['send'], venue: 'Meanwood Park gates', postcode: 'LS6 4LD', at: [53.8370, -1.5720], days: 'SU', hours: ['11:00', '12:30'] },
  { provider: 'Beats Academy', name: 'Music production and DJ', description: 'Make beats, learn to DJ and record your own tracks in a real studio.', categories: ['creative', 'indoor', 'vocational_educational'], needs: ['anger', 'confidence', 'school_pressure'], ages: [13, 21], pence: 250, refer: 'online_form', waitingWeeks: 10, inclusion: [], venue: 'Beats Academy studio', postcode: 'LS7 1AB', at: [53.8080, -1.5370], days: 'TH', hours: ['17:00', '19:00'] },
  { provider: 'Young Carers Network', name: 'Young carers break', description: 'Time off for young people who look after someone at home: trips, activities and support.', categories: ['social', 'self_care'], needs: ['family', 'loneliness', 'school_pressure', 'money'], ages: [8, 18], refer: 'attached_form', waitingWeeks: 3, inclusion: ['send'], venue: 'Young Carers Network base', postcode: 'LS12 1DR', at: [53.7940, -1.5730], days: 'SA', hours: ['10:00', '15:00'] },
];
